# Scrapy settings for the wiredup project: polite defaults for real sites.
# Every value can be overridden on the command line: scrapy crawl wire -s NAME=VALUE
#
#     https://docs.scrapy.org/en/latest/topics/settings.html

from pathlib import Path

from crawler.urls import TRACKING_PARAMS

BOT_NAME = "wiredup"

SPIDER_MODULES = ["crawler.spiders"]
NEWSPIDER_MODULE = "crawler.spiders"
# `scrapy crawl wire` checks its arguments and settings before it starts
COMMANDS_MODULE = "crawler.commands"

# With WIREDUP_REDIS set, the scheduler becomes the shared Redis frontier (crawler/redis_frontier.py)
ADDONS: dict[str, int] = {"crawler.redis_frontier.SharedFrontier": 0}

# Identify the crawler to the sites it visits
USER_AGENT = "wiredup/0.1 (news wire story crawler; Scrapy)"

# Obey robots.txt rules
ROBOTSTXT_OBEY = True

# One request at a time per site
CONCURRENT_REQUESTS_PER_DOMAIN = 1
# Base delay between requests to one site, in seconds (AutoThrottle never goes below it)
DOWNLOAD_DELAY = 1

# Adapt the delay to each site's latency
AUTOTHROTTLE_ENABLED = True
# Delay of the first requests to a site, in seconds
AUTOTHROTTLE_START_DELAY = 5
# Longest delay when a site answers slowly, in seconds
AUTOTHROTTLE_MAX_DELAY = 60
# Requests in flight per site that AutoThrottle aims for
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0

# Polite under rate limits (crawler/ratelimit.py): Retry-After, robots.txt Crawl-delay and a
# per-site circuit breaker; its process_exception runs before RetryMiddleware's (550)
DOWNLOADER_MIDDLEWARES = {
    "crawler.ratelimit.RateLimitMiddleware": 560,
    # Scrapy's robots.txt middleware, fixed to check every request that waits for a site's robots.txt
    "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
    "crawler.robots.RobotsTxtMiddleware": 100,
}
# Honour Retry-After and Crawl-delay and pause failing sites (-s WIREDUP_RATELIMIT_ENABLED=0: off)
WIREDUP_RATELIMIT_ENABLED = True
# Longest Retry-After wait honoured, in seconds; a URL asked to wait longer is given up (crawl.jsonl)
WIREDUP_RETRY_AFTER_MAX = 300
# Retries of a URL answered 429 (or 503 with Retry-After), each after its wait; RETRY_TIMES for other failures
WIREDUP_RATELIMIT_RETRIES = 5
# Longest robots.txt Crawl-delay honoured, in seconds (a longer one is cut to it; 0: ignore Crawl-delay)
WIREDUP_CRAWL_DELAY_MAX = 30
# Failures in a row (5xx, 429, timeouts and other download errors) after which a site is paused
WIREDUP_BREAKER_FAILURES = 10
# First pause of a failing site, in seconds; each further pause lasts twice as long
WIREDUP_BREAKER_PAUSE = 60
# Pauses after which a site that still fails is given up (its remaining URLs are not requested)
WIREDUP_BREAKER_MAX_PAUSES = 3

# Give up on bodies larger than this, in bytes (news pages are far smaller)
DOWNLOAD_MAXSIZE = 10 * 1024 * 1024
# Warn about bodies larger than this, in bytes
DOWNLOAD_WARNSIZE = 2 * 1024 * 1024

# Resolve *.localhost (the embedded network) to 127.0.0.1, every other name as Scrapy does
TWISTED_DNS_RESOLVER = "crawler.resolver.LocalhostResolver"

# HTTP cache, off by default; -s HTTPCACHE_ENABLED=1 re-runs dedup on the same pages without refetching
HTTPCACHE_ENABLED = False
# Cached responses never expire (0); a number of seconds makes them stale after that
HTTPCACHE_EXPIRATION_SECS = 0
# Cache folder, inside the project's .scrapy folder
HTTPCACHE_DIR = "httpcache"
# Never cache a server error (5xx): it would be served again on the next run
HTTPCACHE_POLICY = "crawler.httpcache.NoServerErrorsPolicy"
# One file tree per request on disk
HTTPCACHE_STORAGE = "scrapy.extensions.httpcache.FilesystemCacheStorage"

# Write pages.jsonl, then run dedup over it; close_spider runs in reverse order, so dedup (100)
# runs after the writer (300) has closed the file
ITEM_PIPELINES = {
    "crawler.pipelines.DedupPipeline": 100,
    "crawler.pipelines.PagesWriterPipeline": 300,
}

# Also write the stored pages as pages.warc.gz (warcinfo, request and response records) in WIREDUP_OUTPUT_DIR
WIREDUP_WARC = False
# The WARC writer (crawler/warc.py) switches itself off unless WIREDUP_WARC is on
EXTENSIONS = {"crawler.warc.WarcWriter": 500}

# Folder of pages.jsonl and of the dedup outputs (stories, rules, report)
WIREDUP_OUTPUT_DIR = "output"
# Rules file for dedup to start from (None: learn from the corpus alone)
WIREDUP_RULES = None
# Run dedup over pages.jsonl when the crawl closes (-s WIREDUP_DEDUP=0 to only crawl)
WIREDUP_DEDUP = True
# Network folder that `scrapy crawl wire` serves and crawls when given no -a arguments
WIREDUP_NETWORK_DIR = str(Path(__file__).resolve().parents[1] / "seeds" / "network")
# Port of the embedded network server (0: any free port; fix it to reuse HTTPCACHE across runs)
WIREDUP_NETWORK_PORT = 0
# Add the hostile pages of dedup/synth/hostile.py to the embedded network (broken, mis-encoded, slow)
WIREDUP_HOSTILE = False
# Query parameters dropped from every URL before it is requested (`name*` matches a prefix)
WIREDUP_TRACKING_PARAMS = list(TRACKING_PARAMS)

# A JOBDIR survives a killed crawl: the job restarts from its start URLs, skipping stored pages
SCHEDULER = "crawler.scheduler.ResumableScheduler"

# redis://host:port/db: every crawler given the same URL shares one request queue and one duplicate
# filter there, so each URL is fetched once in total (None: this crawler keeps its own, as above)
WIREDUP_REDIS = None
# Prefix of the frontier's Redis keys; crawls that should not share a frontier need different ones
WIREDUP_REDIS_KEY = "wiredup:frontier"
# Seconds without a heartbeat after which a crawler of the shared frontier counts as gone
WIREDUP_REDIS_HEARTBEAT = 30

# Log crawl progress and the dedup summary, not every request
LOG_LEVEL = "INFO"

# Write feeds (-o / -O) as UTF-8, not as \u escapes
FEED_EXPORT_ENCODING = "utf-8"

# The asyncio reactor, Scrapy's default
TWISTED_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"
