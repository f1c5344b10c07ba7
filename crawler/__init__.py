"""wiredup's Scrapy project: crawl wire stories and hand the pages to `dedup`."""
