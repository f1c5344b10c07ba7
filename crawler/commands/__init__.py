"""Scrapy commands of the wiredup project (COMMANDS_MODULE)."""
