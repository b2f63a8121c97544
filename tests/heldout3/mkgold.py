"""Writes gold.json for held-out set 3 (hand annotations; kept as a script so the annotation is readable and
reviewable). Annotated blind, before the tool was run on these texts.

    python3 tests/heldout3/mkgold.py        # writes tests/heldout3/gold.json and checks it against the corpus
"""
import html
import json
import os
import re

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.join(HERE, "corpus")

# --- speakers: canonical full name first, then surname, then spelling variants --------------------------------
ASIF = ["Khawaja Asif", "Asif", "Khawaja Muhammad Asif"]
MUJAHID = ["Zabihullah Mujahid", "Mujahid"]
ANDRABI = ["Tahir Andrabi", "Andrabi"]
TARAR = ["Attaullah Tarar", "Tarar", "Atta Tarar"]
FIDAN = ["Hakan Fidan", "Fidan"]
NAJIB = ["Rahmatullah Najib", "Najib"]
YAQOOB = ["Mullah Mohammad Yaqoob", "Mohammad Yaqoob", "Muhammad Yaqoob", "Mullah Yaqoob", "Yaqoob", "Yaqub"]
MUTTAQI = ["Amir Khan Muttaqi", "Muttaqi"]
SHARIF = ["Shehbaz Sharif", "Sharif", "Muhammad Shehbaz Sharif", "Shahbaz Sharif"]
BARADAR = ["Abdul Ghani Baradar", "Baradar", "Mullah Baradar", "Mullah Abdul Ghani Baradar"]
DURRANI = ["Hina Durrani", "Durrani"]
GUL_BIBI = ["Gul Bibi", "Bibi"]
HAMIDULLAH = ["Hamidullah"]
LINDQVIST = ["Sarah Lindqvist", "Lindqvist"]
JAMAL = ["Jamal Khan", "Jamal", "Khan"]
# statements: the statement and its issuing body
QATAR_MOFA = ["Ministry of Foreign Affairs", "Qatari Ministry of Foreign Affairs", "Qatar's Ministry of Foreign Affairs",
              "Qatari Foreign Ministry", "Foreign Ministry", "ministry", "statement", "MoFA", "Qatar"]
TURKISH_JOINT = ["joint statement", "statement", "Türkiye's Foreign Ministry", "Turkish Foreign Ministry",
                 "Foreign Ministry", "ministry", "Türkiye", "Turkiye"]
ISPR = ["ISPR", "Inter-Services Public Relations", "military's media wing", "media wing", "military"]


def q(start, speaker):
    return {"start": start, "speaker": speaker}


def f(category, value, words):
    return {"category": category, "value": value, "words": words}


articles = {
 # Reuters wire; outlet and date inferred from the dateline "ISLAMABAD, Nov 8 (Reuters) -" and the time line.
 "g01_reuters_istanbul_talks_end.txt": {
  "outlet": ["Reuters", "Thomson Reuters"], "published": "2025-11-08", "stance": "pessimistic",
  "quotes": [
   q("There is nothing left to discuss at this stage", ASIF),
   q("The ceasefire will hold as long as there is no attack", ASIF),      # "the minister told reporters"
   q("If our posts are attacked, we will respond", ASIF),                 # own sentence, no attribution
   q("The Islamic Emirate once again makes clear", MUJAHID + ["statement", "Islamic Emirate"]),
   q("Each time we were close to a text", ["senior Pakistani security official", "senior security official",
                                           "security official", "official"]),
   q("These families are paying the price", ["aid worker", "worker"]),
   q("Neither Islamabad nor Kabul wants a full-scale war", ["Farhan Qureshi", "Qureshi"]),
  ],
  "figures": [
   f("casualties", 23, "at least 23 soldiers were killed"),
   f("casualties", 200, "more than 200 Taliban and allied fighters died"),
   f("casualties", 9, "The Taliban said they lost nine fighters"),
   f("economy", 1000000, "losses at about $1 million a day"),
   f("deportations", 1200000, "Over 1.2 million Afghans have returned or been deported ... according to IOM"),
  ],
  # fragments (not quotes): "irresponsible and uncooperative", "workable solution"
  "optional_quotes": ["entered the talks in good faith", "continue to take all possible measures"],
 },
 # Al Jazeera explainer, HTML with nav/script/aside/footer; metadata in og:site_name / article:published_time.
 "g02_aljazeera_explainer_istanbul.html": {
  "outlet": ["Al Jazeera", "Al Jazeera English", "Aljazeera"], "published": "2025-10-28", "stance": "mixed",
  "quotes": [
   q("The two sides agreed to an immediate ceasefire", QATAR_MOFA),
   q("We are doing everything we can", FIDAN),
   q("Our one and only demand is", ANDRABI),                               # dash introduction
   q("We want good relations with Pakistan and with all", MUJAHID),
   q("There is a real chance of a written framework", DURRANI),
   q("But the Taliban cannot hand over the TTP", DURRANI),                 # "she added"
   q("Everyone is still in Istanbul", ["Western diplomat", "diplomat"]),
  ],
  "figures": [
   f("casualties", 37, "37 civilians were killed (UNAMA)"),
   f("casualties", 425, "425 wounded on the Afghan side"),
   f("incidents", 500, "more than 500 attacks ... in Khyber Pakhtunkhwa alone since January"),
   f("economy", 250000000, "exports to Afghanistan, worth about $250m in the July-September quarter"),
   f("deportations", 40000, "Nearly 40,000 Afghans returned from Pakistan in the week to October 25 (UNHCR)"),
   f("refugees", 2500000, "Pakistan still hosts an estimated 2.5 million Afghans"),
  ],
  # fragments: "terrorist sanctuaries", 'brotherly'
 },
 # TOLOnews from Kabul, "said:" + quote paragraph style; metadata in corpus/manifest.csv.
 "g03_tolonews_kabul_ceasefire.txt": {
  "outlet": ["TOLOnews", "TOLO News", "Tolo News", "TOLOnews.com"], "published": "2025-10-31", "stance": "hopeful",
  "quotes": [
   q("The Islamic Emirate’s delegation took part in the Istanbul talks", MUJAHID),
   q("We have agreed that the problems between the two countries", NAJIB),
   q("We do not want war with anyone", YAQOOB),                            # "He thanked ..." then "he said"
   q("Afghanistan wants positive relations with all its neighbours", MUTTAQI),
   q("The forced deportation of Afghan refugees", ["Ministry of Refugees and Repatriation", "Ministry of Refugees",
                                                   "ministry", "statement"]),
   q("If there is peace between the two countries", ["Ahmad Shah", "Shah"]),
   q("We are tired of war", ["Fatima"]),
   q("The extension of the ceasefire is a good sign", ["Wahidullah Azizi", "Azizi"]),
  ],
  "figures": [
   f("deportations", 2341, "2,341 families ... returned from Pakistan on Thursday"),
   f("deportations", 11862, "comprising 11,862 people, returned from Pakistan"),
   f("deportations", 940000, "more than 940,000 Afghans have returned from Pakistan since the beginning of the year"),
   f("economy", 200000000, "Afghan traders have lost an estimated $200 million"),
   f("economy", 4500, "about 4,500 trucks ... remain stranded"),
  ],
  "optional_quotes": ["in detail and in a good environment"],
 },
 # The Nation, FO weekly briefing written up as a run of short quotes; UPPERCASE header block.
 "g04_nation_fo_briefing_andrabi.txt": {
  "outlet": ["The Nation"], "published": "2025-10-31", "stance": "mixed",
  "quotes": [
   q("Pakistan welcomes the continuation of the ceasefire", ANDRABI),
   q("Our position has not changed since the talks in Doha", ANDRABI),
   q("The Afghan Taliban regime must take concrete", ANDRABI),           # own sentence after "he said."
   q("This is not a question of trust", ANDRABI),                        # "he replied:"
   q("The monitoring and verification mechanism will be the real test", ANDRABI),
   q("We do not comment on operational matters", ANDRABI),
   q("The repatriation of illegal foreigners is a domestic", ANDRABI),  # "Andrabi insisted"
   q("Is the government ready to reopen Torkham", ["journalist", "reporter"]),
   q("Decisions on border management are taken", ANDRABI),              # "the spokesperson said"
   q("The composition of the delegation will be decided", ANDRABI),
   q("Pakistan has given peace a chance", TARAR),
   q("If attacks continue from across the border", TARAR),              # "he warned"
   q("Security forces are determined to wipe out", ISPR),
  ],
  "figures": [
   f("deportations", 250000, "nearly 2.5 lakh Afghan nationals ... had returned ... since September 1"),
   f("casualties", 7, "seven soldiers were martyred"),
   f("casualties", 15, "15 militants were killed"),
  ],
  # fragments: 'a step forward' (title), 'PATIENCE NOT WEAKNESS' (subhead)
  "optional_quotes": ["in a humane and dignified manner", "with an open mind and sincerity"],
 },
 # Pakistani-press translation style ("It is pertinent to mention"); metadata inferred from byline + date line.
 "g05_thenews_doha_ceasefire_agreed.txt": {
  "outlet": ["The News", "The News International"], "published": "2025-10-20", "stance": "hopeful",
  "quotes": [
   q("The two sides also agreed to hold follow-up meetings", QATAR_MOFA),
   q("A ceasefire agreement has been finalised with Afghanistan", ASIF),  # "wrote:"
   q("Neither country will support groups", MUJAHID),                      # "Mujahid asserted"
   q("Pakistan wants peaceful and cooperative relations", SHARIF),         # "the prime minister said:"
   q("This is the first time that Kabul has committed", ["senior official", "official"]),
   q("Implementation is the key", TARAR),                                  # "He, however, acknowledged:"
  ],
  "figures": [
   f("incidents", 1062, "as many as 1,062 terrorist incidents ... during the first nine months"),
   f("casualties", 311, "311 personnel of the security forces and police embraced martyrdom"),
   f("economy", 3500000000, "losses of over Rs 3.5 billion ... during the past one week"),
   f("refugees", 3000000, "Pakistan has been hosting over 3 million Afghans"),
  ],
  "optional_quotes": ["a welcome step towards regional peace"],
 },
 # Pessimistic op-ed; byline without outlet, no date anywhere.
 "g06_oped_istanbul_never_going_to_fix.txt": {
  "outlet": None, "published": None, "stance": "pessimistic",
  "quotes": [
   q("the talks have entered an indefinite phase", ASIF),                  # inside "announced that ..."
   q("Afghanistan is not responsible for Pakistan’s security", MUJAHID),   # "insisted ... that"
   q("the Pakistani delegation came without the authority", ["Taliban's foreign ministry", "Afghan foreign ministry",
                                                             "foreign ministry", "ministry"]),  # "claimed that"
   q("The TTP fought beside us for twenty years", ["Taliban commander", "commander"]),
   q("We wait for the next attack", ["Pakistani official", "official"]),
  ],
  "figures": [
   f("casualties", 60, "at least 60 soldiers and policemen have been killed"),
   f("economy", 1500000000, "Bilateral trade, which stood at around $1.5bn last year"),
  ],
  # fragments: "terrorist sanctuaries", 'brotherly'; "Tens of thousands of families" is not a tabled value
 },
 # Think-tank brief with bullets and numbered lists; Title-case header block.
 "g07_kpi_brief_after_istanbul.txt": {
  "outlet": ["Khyber Policy Institute"], "published": "2025-11-12", "stance": "pessimistic",
  "quotes": [
   q("Verbal assurances are not enough any more", ASIF),
   q("Pakistan's demands go beyond what any sovereign government", MUJAHID),  # "According to ..., "
  ],
  "figures": [
   f("incidents", 150, "some 150 attacks in Khyber Pakhtunkhwa in October"),
   f("casualties", 96, "At least 96 security personnel ... were killed"),
   f("casualties", 48, "48 civilians were killed"),
   f("casualties", 110, "110 people were injured"),
   f("incidents", 24, "Two dozen cross-border ceasefire violations"),
   f("deportations", 4500, "Returns from Pakistan averaged about 4,500 people per day by end-October (IOM)"),
   f("deportations", 1600000, "Cumulative returns and deportations ... exceed 1.6 million"),
   f("refugees", 1100000, "Some 1.1 million Afghans holding PoR cards remain in Pakistan"),
   f("economy", 1900000000, "Bilateral trade in FY2024-25: $1.9bn"),
   f("economy", 2600000000, "down from $2.6bn in FY2022-23"),
   f("economy", 4500000, "Estimated combined trade losses from the closure: $4.5m per day"),
   f("economy", 6000000000, "Transit revenue forgone by Pakistan: Rs 6 billion since mid-October"),
  ],
  "optional_quotes": ["will not give up on this process"],
 },
 # Refugee-camp feature with named ordinary people; no outlet, no date.
 "g08_feature_omari_camp_returnees.txt": {
  "outlet": None, "published": None, "stance": "mixed",
  "quotes": [
   q("We were born in Peshawar", GUL_BIBI),
   q("The police came at night", ["Sher Agha", "Agha"]),                   # "He said:" + two-paragraph quote
   q("We give them food, a SIM card", HAMIDULLAH),
   q("If Kabul and Islamabad reach an agreement", HAMIDULLAH),
   q("We are following government orders", ["Pakistani official", "official"]),
   q("Returns at this scale", LINDQVIST),
   q("If the crossings reopen for trade", LINDQVIST),                      # "she added"
   q("If the talks succeed, maybe the border will open", JAMAL),           # "Jamal says"
   q("I still have friends in Karachi", JAMAL),                            # own sentence, no attribution
   q("They were talking in Doha", GUL_BIBI),                               # "Gul Bibi says"
  ],
  "figures": [
   f("deportations", 6000, "Nearly 6,000 people crossed at Torkham in the past 24 hours"),
   f("deportations", 1400000, "more than 1.4 million returns from Pakistan since September 2023 (IOM)"),
  ],
  # second paragraph of Sher Agha's multi-paragraph quote: part of the same quote
  "optional_quotes": ["I hear they are talking in Istanbul"],
 },
 # Anadolu Agency; metadata in corpus/manifest.csv (and the AA byline date 06.11.2025).
 "g09_anadolu_fidan_istanbul_round.txt": {
  "outlet": ["Anadolu Agency", "Anadolu", "AA"], "published": "2025-11-06", "stance": "hopeful",
  "quotes": [
   q("We hope that the talks that started today", FIDAN),
   q("As mediators, Türkiye and Qatar have a shared responsibility", FIDAN),  # split quote, "Fidan vowed"
   q("that will ensure maintenance of peace and impose penalty", TURKISH_JOINT),
   q("We want this problem to be solved through dialogue", MUJAHID),
   q("Pakistan deeply values Türkiye's sincere efforts", ["Yousaf Junaid", "Junaid"]),  # "told Anadolu:"
   q("The atmosphere is positive", ["Turkish diplomatic source", "diplomatic source", "source"]),
  ],
  "figures": [
   f("casualties", 50, "at least 50 civilians were killed (UNAMA)"),
   f("casualties", 447, "447 injured on the Afghan side"),
  ],
  # fragments: "with full authority", "spare no effort"
 },
 # Business Recorder markets piece; lowercase header block.
 "g10_brecorder_torkham_trade_losses.txt": {
  "outlet": ["Business Recorder", "Brecorder"], "published": "2025-11-10", "stance": "pessimistic",
  "quotes": [
   q("We had hoped that the talks would at least open", ["Fazal Moula", "Moula"]),
   q("My containers have been standing at Torkham", ["fruit exporter", "exporter"]),
   q("The market had priced in some sort of deal", ["Umair Naseer", "Naseer"]),
   q("The government is fully cognisant", ["Ministry of Commerce", "Commerce Ministry", "ministry", "statement"]),
   q("Afghan traders should find alternative routes", BARADAR),
   q("Once the trade moves to Iran", ["Shahid Ali", "Ali"]),
  ],
  "figures": [
   f("economy", 2800, "some 2,800 containers and trucks are stranded"),
   f("economy", 12000000, "perishable goods worth around Rs 1.2 crore ... every day"),
   f("economy", 180000000, "exporters had lost more than $180 million since the closure"),
   f("economy", 8000000, "losing about Rs 80 lakh a day"),
   f("economy", 412000000, "exports to Afghanistan fell ... to $412 million in July-October"),
   f("economy", 4600000000, "collection ... fell by Rs 4.6 billion in October"),
  ],
 },
}

gold = {
 "_about": ("Held-out set 3: ten synthetic articles written for this evaluation and annotated before the tool was "
            "run on them (not tuned on). Same conventions as seeds-gold.json: full direct quotes keyed by their "
            "opening words, speaker aliases (canonical full name first, then surname; anonymous speakers by role "
            "noun; statements by the statement and its issuing body; a definite role noun or pronoun that refers to "
            "a named person is that person); scare-quote fragments (1-4 words) are not quotes; 5-7-word partial "
            "quotes and the continuation paragraph of a multi-paragraph quote are optional_quotes. Figures: numbers "
            "an analyst would table in the categories refugees/deportations/incidents/casualties/economy (word "
            "numbers included; a repeated figure once; percentages, years, dates, ages, times, ordinals, durations, "
            "phone and list numbers are not figures). Stance toward the talks succeeding."),
 "articles": articles,
 "stance_tiers": [
  ["g05_thenews_doha_ceasefire_agreed.txt", "g09_anadolu_fidan_istanbul_round.txt"],
  ["g02_aljazeera_explainer_istanbul.html", "g04_nation_fo_briefing_andrabi.txt"],
  ["g01_reuters_istanbul_talks_end.txt", "g06_oped_istanbul_never_going_to_fix.txt",
   "g07_kpi_brief_after_istanbul.txt"],
 ],
}


def _text(name):
    raw = open(os.path.join(CORPUS, name), encoding="utf-8").read()
    if name.endswith(".html"):
        raw = html.unescape(re.sub(r"<[^>]+>", " ", raw))
    return re.sub(r"\s+", " ", raw)


def check():
    """Every gold opening and optional span occurs right after an opening quote mark in its text."""
    marks = "\"“‘'"
    for name, art in articles.items():
        text = _text(name)
        for item in [g["start"] for g in art["quotes"]] + art.get("optional_quotes", []):
            pos = text.find(item)
            assert pos > 0, f"{name}: {item!r} not in text"
            assert text[pos - 1] in marks, f"{name}: {item!r} does not follow a quote mark"
    for tier in gold["stance_tiers"]:
        for name in tier:
            assert name in articles, name


check()
json.dump(gold, open(os.path.join(HERE, "gold.json"), "w", encoding="utf-8"), indent=1, ensure_ascii=False)
print(sum(len(a["quotes"]) for a in articles.values()), "quotes,",
      sum(len(a["figures"]) for a in articles.values()), "figures,",
      len(articles), "articles")
