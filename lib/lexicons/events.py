"""Known events of the Pakistan–Afghanistan talks, as data for the timeline's markers (dates inclusive, ISO).

Source: the seed articles' own reporting (Doha-brokered truce of 18–19 October 2025; Istanbul talks 25–30 October;
the principal-level meeting of 6 November; Khawaja Asif declaring the talks over on 7–8 November), cross-checked
against contemporary wire coverage (Reuters, Al Jazeera, Anadolu). Add a row to add a marker; nothing else changes.
"""

# (start, end, short label, one-line description). `end` equals `start` for a one-day event.
EVENTS = (
    ("2025-10-18", "2025-10-19", "Doha ceasefire",
     "Pakistan and Afghanistan agree an immediate ceasefire in Doha, mediated by Qatar and Türkiye."),
    ("2025-10-25", "2025-10-30", "Istanbul round 1",
     "First Istanbul round; ends with an agreement to continue the ceasefire and set up monitoring."),
    ("2025-11-06", "2025-11-07", "Istanbul round 2",
     "Second round / principal-level meeting in Istanbul to finalise the implementation mechanism."),
    ("2025-11-07", "2025-11-08", "Talks declared over",
     "Defence Minister Khawaja Asif says the talks have ended in deadlock and entered an indefinite phase."),
)
