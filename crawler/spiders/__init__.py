"""Spiders of the wiredup project (`scrapy list`)."""
