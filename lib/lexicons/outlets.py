"""Outlets: web domains to outlet names, name variants to one name, and news agencies seen in datelines."""

# Domain (without www.) -> outlet name, for international outlets; the topic profile adds its region's outlets.
# An unknown domain is used as it stands ("example-news.com"), or as the name the page prints for it.
DOMAIN_OUTLETS = {
    "aljazeera.com": "Al Jazeera",
    "reuters.com": "Reuters",
    "apnews.com": "AP",
    "bbc.com": "BBC",
    "bbc.co.uk": "BBC",
    "bbci.co.uk": "BBC",  # the BBC's feed and media domain (feeds.bbci.co.uk)
    "aa.com.tr": "Anadolu Agency",
    "arabnews.com": "Arab News",
    "trtworld.com": "TRT World",
    "dailysabah.com": "Daily Sabah",
    "hindustantimes.com": "Hindustan Times",
    "thehindu.com": "The Hindu",
    "indiatoday.in": "India Today",
}

# Spelling variants -> one outlet name.
OUTLET_ALIASES = {
    "south asian desk": "SouthAsianDesk",
    "southasiandesk": "SouthAsianDesk",
    "wenews": "WE News",
    "we news": "WE News",
    "geo tv": "Geo News",
    "geo news": "Geo News",
    "express tribune": "The Express Tribune",
    "the express tribune": "The Express Tribune",
    "dawn": "Dawn",
    "associated press": "AP",
    "anadolu": "Anadolu Agency",
    "anadolu agency": "Anadolu Agency",
    "tolo news": "TOLOnews",
    "al-jazeera": "Al Jazeera",
}

# News agencies that appear in datelines: "ISLAMABAD (Reuters) -".
AGENCIES = ("Reuters", "AP", "AFP", "APP", "PTI", "Anadolu", "Xinhua", "IANS", "ANI", "dpa", "NNI", "INP")
