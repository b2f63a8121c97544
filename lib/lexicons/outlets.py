"""Outlets: web domains to outlet names, name variants to one name, and news agencies seen in datelines."""

# Domain (without www.) -> outlet name. An unknown domain is used as it stands ("example-news.com").
DOMAIN_OUTLETS = {
    "dawn.com": "Dawn",
    "tribune.com.pk": "The Express Tribune",
    "thenews.com.pk": "The News International",
    "geo.tv": "Geo News",
    "arynews.tv": "ARY News",
    "wenews.pk": "WE News",
    "southasiandesk.com": "SouthAsianDesk",
    "aljazeera.com": "Al Jazeera",
    "reuters.com": "Reuters",
    "apnews.com": "AP",
    "bbc.com": "BBC",
    "bbc.co.uk": "BBC",
    "aa.com.tr": "Anadolu Agency",
    "tolonews.com": "TOLOnews",
    "pajhwok.com": "Pajhwok Afghan News",
    "amu.tv": "Amu TV",
    "app.com.pk": "APP",
    "nation.com.pk": "The Nation",
    "brecorder.com": "Business Recorder",
    "samaa.tv": "Samaa",
    "dailypakistan.com.pk": "Daily Pakistan",
    "thefridaytimes.com": "The Friday Times",
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
    "dawn.com": "Dawn",
    "associated press": "AP",
    "anadolu": "Anadolu Agency",
    "anadolu agency": "Anadolu Agency",
    "tolo news": "TOLOnews",
    "al-jazeera": "Al Jazeera",
}

# News agencies that appear in datelines: "ISLAMABAD (Reuters) -".
AGENCIES = ("Reuters", "AP", "AFP", "APP", "PTI", "Anadolu", "Xinhua", "IANS", "ANI", "dpa", "NNI", "INP")
