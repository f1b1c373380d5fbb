"""Made-up news stories and the web pages and feeds that carry them, for the WARC and feed tests."""

from __future__ import annotations

import datetime as dt
import html
from email.utils import format_datetime

STORIES = {
    "goma": (
        "Rebels attack convoy near Goma",
        "2024-05-06",
        "Rebels attacked a convoy near Goma on Monday, killing three soldiers, the army said. "
        "The fighters ambushed the trucks on the road north of the city before dawn and set two of "
        "them on fire. Provincial governor Jean-Paul Mutombo said the attack would not stop aid "
        "deliveries to the camps, and the army sent reinforcements to the area in the afternoon.",
    ),
    "nairobi": (
        "Police arrest protesters in Nairobi",
        "2024-05-07",
        "Police arrested twelve protesters in Nairobi on Tuesday after a march against fuel prices "
        "turned violent. Officers fired tear gas at the crowd near parliament as demonstrators threw "
        "stones at them. The interior ministry said the people who were detained would appear in "
        "court on Friday, and the opposition called for another march next week.",
    ),
    "chad": (
        "Chad and Niger agree on joint patrols",
        "2024-05-08",
        "The foreign ministers of Chad and Niger met in N'Djamena on Wednesday to discuss security "
        "along their long border. They agreed to set up joint patrols along the frontier and to share "
        "intelligence about armed groups, a statement said. The two governments will meet again in "
        "Niamey in July to review the plan, the statement added.",
    ),
    "dakar": (
        "Protesters burn tyres in Dakar",
        "2024-05-09",
        "Protesters burned tyres in Dakar on Thursday to demand the release of an opposition leader "
        "who was detained last month. Riot police dispersed the crowd with water cannon and arrested "
        "several young men near the central market. The government accused the opposition of "
        "stirring up unrest before the elections and banned further marches in the capital.",
    ),
}


def page(key: str, *, with_date: bool = True) -> str:
    """Return an HTML page for a story: navigation, the article, a footer."""
    title, date, body = STORIES[key]
    meta = f'<meta property="article:published_time" content="{date}T08:00:00Z">' if with_date else ""
    first, _, rest = body.partition(". ")
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>{html.escape(title)}</title>{meta}</head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>{html.escape(title)}</h1><p>{html.escape(first)}.</p><p>{html.escape(rest)}</p></article>
<footer>Copyright 2024 Example News. All rights reserved.</footer></body></html>"""


def rss(base: str, keys: list[str], *, extra: list[tuple[str, str]] = ()) -> str:
    """Return an RSS 2.0 feed of the stories ``keys`` at ``base/news/KEY.html`` (plus ``extra`` links)."""
    items = []
    for key in keys:
        title, date, _ = STORIES[key]
        stamp = format_datetime(dt.datetime.fromisoformat(date + "T07:30:00+00:00"))
        items.append(f"<item><title>{html.escape(title)}</title><link>{base}/news/{key}.html</link>"
                     f"<pubDate>{stamp}</pubDate><guid>{base}/news/{key}.html</guid></item>")
    for title, link in extra:
        items.append(f"<item><title>{html.escape(title)}</title><link>{link}</link></item>")
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Example News</title>'
            f"<link>{base}/</link><description>World news</description>{''.join(items)}</channel></rss>")


def atom(base: str, keys: list[str]) -> str:
    """Return an Atom feed of the stories ``keys``, with links relative to the feed."""
    entries = []
    for key in keys:
        title, date, _ = STORIES[key]
        entries.append(f"<entry><title>{html.escape(title)}</title><link href=\"news/{key}.html\"/>"
                       f"<id>urn:example:{key}</id><updated>{date}T07:30:00Z</updated></entry>")
    return (f'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
            f"<title>Example Wire</title><id>urn:example:wire</id><updated>2024-05-09T00:00:00Z</updated>"
            f"{''.join(entries)}</feed>")
