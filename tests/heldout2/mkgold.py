"""Writes gold.json (hand annotations; kept as a script so the annotation is readable and reviewable)."""
import json

ASIF = ["Khawaja Asif", "Asif"]
ANDRABI = ["Tahir Andrabi", "Andrabi"]
TARAR = ["Attaullah Tarar", "Tarar"]
MUJAHID = ["Zabihullah Mujahid", "Mujahid"]
FITRAT = ["Hamdullah Fitrat", "Fitrat"]
KAKAR = ["Nargis Kakar", "Kakar"]
MUTTAQI = ["Amir Khan Muttaqi", "Muttaqi"]
FIDAN = ["Hakan Fidan", "Fidan"]
RAUF = ["Nadeem Rauf", "Rauf"]
POLICE = ["senior police officer", "police officer", "officer"]


def q(start, speaker):
    return {"start": start, "speaker": speaker}


def f(category, value, words):
    return {"category": category, "value": value, "words": words}


articles = {
 "k01_tribune_istanbul_truce.txt": {
  "outlet": ["The Express Tribune", "Express Tribune"], "published": "2025-10-31", "stance": "mixed",
  "quotes": [
   q("All parties have agreed to a continuation", ["joint statement", "statement", "Türkiye", "Turkiye"]),
   q("Our only demand was, and remains", ANDRABI),
   q("We are not asking for anything beyond", ANDRABI),
   q("The next round will decide whether", ["senior government official", "government official", "official"]),
   q("Pakistan will not accept any arrangement", TARAR),
   q("We have given diplomacy a chance", ASIF),
  ],
  "figures": [
   f("incidents", 600, "600-plus terrorist incidents recorded in Khyber-Pakhtunkhwa"),
   f("casualties", 300, "security personnel martyred ... at over 300"),
  ],
  "optional_quotes": ["good relations with all its neighbours"],
 },
 "k02_geo_live_talks_end.txt": {
  "outlet": ["Geo News", "Geo"], "published": "2025-11-07", "stance": "pessimistic",
  "quotes": [
   q("Our delegation is coming back", ASIF),
   q("Qatar and Turkiye stood with our position", ASIF),
   q("When they say 'trust us', we ask them", ASIF),
   q("The Afghan Taliban regime once again offered", TARAR),
   q("The Pakistani side tried to shift all", MUJAHID),
   q("The Afghan delegation kept changing its position", ["security source", "source"]),
   q("Pakistan has participated with an open mind", ANDRABI),
  ],
  "figures": [],
 },
 "k03_bbc_analysis_stalling.txt": {
  "outlet": ["BBC News", "BBC", "BBC Urdu"], "published": "2025-11-05", "stance": "mixed",
  "quotes": [
   q("The core problem is that Pakistan wants", KAKAR),
   q("For the Taliban, the TTP are ideological", KAKAR),
   q("Handing them over would split", KAKAR),
   q("Islamabad has spent two years using", ["former Pakistani ambassador to Kabul", "former ambassador", "ambassador"]),
   q("We want these talks to succeed", FITRAT),
   q("Neither side can afford to be seen", KAKAR),
   q("That, in a strange way, is what keeps", KAKAR),
  ],
  "figures": [
   f("deportations", 1500000, "more than 1.5 million Afghans have returned or been deported"),
   f("refugees", 2800000, "some 2.8 million Afghans are still living in Pakistan"),
  ],
  # second paragraph of the ambassador's multi-paragraph quote: part of the same quote, so neither required nor wrong
  "optional_quotes": ["If the Istanbul process is to survive"],
 },
 "k04_ariana_fitrat_muttaqi.txt": {
  "outlet": ["Ariana News", "Ariana"], "published": "2025-11-02", "stance": "mixed",
  "quotes": [
   q("The Islamic Emirate wants positive relations", FITRAT),
   q("However, Pakistan's security problems are", FITRAT),
   q("The Islamic Emirate's delegation will take part", MUJAHID + ["statement", "Islamic Emirate"]),
   q("Afghans have a long history", MUTTAQI),
   q("The forced expulsion of Afghan refugees", MUTTAQI),
   q("Our people are coming back with nothing", ["Abdul Mutalib Haqqani", "Haqqani"]),
   q("If the talks fail, it is the traders", ["Shafiqullah Noorzai", "Noorzai"]),
  ],
  "figures": [
   f("deportations", 2100, "more than 2,100 families ... returned from Pakistan"),
   f("deportations", 11000, "about 11,000 individuals returned from Pakistan ... on Friday"),
   f("deportations", 900000, "more than 900,000 Afghans have returned from Pakistan since the start of the year"),
  ],
 },
 "k05_dailysabah_fidan_istanbul.txt": {
  "outlet": ["Daily Sabah"], "published": "2025-11-06", "stance": "hopeful",
  "quotes": [
   q("Türkiye and Qatar will continue to stand", FIDAN),
   q("The parties held constructive discussions", ["Turkish Foreign Ministry", "Foreign Ministry", "ministry", "statement"]),
   q("Dialogue is the only way forward", ["Öncü Keçeli", "Keçeli", "Oncu Keceli", "Keceli"]),
   q("We hope the talks in Istanbul will produce", ["Recep Tayyip Erdoğan", "Erdoğan", "Erdogan"]),
   q("The gap between the two sides is narrower", ["Turkish diplomatic source", "diplomatic source", "source"]),
   q("A stable Afghanistan and a secure Pakistan", FIDAN),
  ],
  "figures": [
   f("casualties", 23, "23 of its soldiers were killed"),
   f("casualties", 200, "more than 200 Taliban and affiliated militants"),
   f("casualties", 8, "killed at least eight civilians"),
  ],
 },
 "k06_unhcr_returns_surge.txt": {
  "outlet": None, "published": None, "stance": "pessimistic",
  "quotes": [
   q("Many of those returning have spent", ["Babar Baloch", "Baloch"]),
   q("Families are waiting for 10 or 12 hours", ["IOM official", "official"]),
   q("Returns must be voluntary, safe and dignified", ["joint statement", "statement", "agencies", "two agencies", "UNHCR", "IOM"]),
  ],
  "figures": [
   f("deportations", 41200, "41,200 Afghans returned from Pakistan in the week ending 1 November"),
   f("deportations", 23700, "up from 23,700 the previous week"),
   f("deportations", 5900, "about 5,900 people a day"),
   f("deportations", 1700000, "more than 1.7 million Afghans have returned or been deported since September 2023"),
   f("deportations", 460000, "some 4.6 lakh crossed in 2025 alone"),
   f("refugees", 1300000, "about 13 lakh holders of PoR cards remain"),
   f("economy", 350000000, "spent Rs 35 crore on holding and transit centres"),
   f("economy", 216000000, "UNHCR's appeal ... worth $216 million"),
  ],
 },
 "k07_ttp_attacks_kp_balochistan.txt": {
  "outlet": ["The News International", "The News"], "published": "2025-11-03", "stance": "pessimistic",
  "quotes": [
   q("Sanitisation operation is being conducted", ["ISPR", "Inter-Services Public Relations", "military's media wing", "military"]),
   q("These cowardly attacks will not weaken", ["Sarfraz Bugti", "Bugti"]),
   q("The militants are coming in from across", POLICE),
   q("We are fighting a war, not a law-and-order", POLICE),
   q("Kabul has to choose between the TTP", ["Mohsin Naqvi", "Naqvi"]),
  ],
  "figures": [
   f("casualties", 11, "At least 11 security personnel were martyred"),
   f("casualties", 14, "14 others injured"),
   f("casualties", 23, "killed 23 militants"),
   f("casualties", 7, "Seven FC personnel ... were martyred"),
   f("casualties", 4, "four policemen were martyred"),
   f("incidents", 57, "57 attacks on police stations, checkposts and patrols in October"),
   f("casualties", 231, "killed at least 231 people across the country in October"),
   f("casualties", 98, "including 98 security personnel"),
  ],
 },
 "k08_dawn_torkham_trade_losses.txt": {
  "outlet": ["Dawn"], "published": "2025-11-05", "stance": "mixed",
  "quotes": [
   q("Every day that Torkham stays shut", RAUF),
   q("We are not asking for favours", RAUF),
   q("We have not cleared a single truck", ["clearing agent", "agent"]),
   q("Afghan traders have already begun shifting", ["Mohammad Yousuf Amin", "Amin"]),
   q("We pray the Istanbul talks succeed", RAUF),
  ],
  "figures": [
   f("economy", 1000000000, "over Rs 1 billion a day"),
   f("economy", 3500000, "roughly $3.5 million"),
   f("economy", 5000, "More than 5,000 containers and trucks are stranded"),
   f("economy", 2300000000, "revenue collection ... fell by Rs 2.3bn in October"),
   f("economy", 400000000, "daily losses at between Rs 40 crore and Rs 45 crore (range: lower bound)"),
   f("economy", 1600000000, "trade ... fell to $1.6 billion in 2024-25"),
   f("economy", 2500000000, "down from $2.5bn two years earlier"),
  ],
 },
 "k09_gulf_times_doha_ceasefire.txt": {
  "outlet": ["Gulf Times"], "published": "2025-10-19", "stance": "hopeful",
  "quotes": [
   q("During the negotiations, the two sides agreed", ["Ministry of Foreign Affairs", "Qatari Ministry of Foreign Affairs",
                                                       "Foreign Ministry", "ministry", "statement", "MOFA", "Qatar"]),
   q("The State of Qatar believes that dialogue", ["Majed bin Mohammed al-Ansari", "Majed al-Ansari", "al-Ansari", "Ansari"]),
   q("This is an important first step", ["Mohammed bin Abdulaziz bin Saleh al-Khulaifi",
                                         "Mohammed bin Abdulaziz al-Khulaifi", "al-Khulaifi", "Khulaifi"]),
   q("The ceasefire agreement has been finalised", ASIF),
   q("Both sides have committed not to engage", MUJAHID),
  ],
  "figures": [
   f("casualties", 23, "23 of its soldiers were killed"),
   f("casualties", 29, "29 others injured"),
   f("casualties", 200, "more than 200 Taliban and affiliated militants were killed"),
   f("casualties", 58, "58 Pakistani soldiers died (Taliban claim)"),
  ],
 },
 "k10_editorial_give_peace_chance.txt": {
  "outlet": None, "published": None, "stance": "hopeful",
  "quotes": [
   q("We encourage both countries to build", ["Stéphane Dujarric", "Dujarric", "Stephane Dujarric"]),
   q("Both neighbours will respect each other's sovereignty", ASIF),
  ],
  "figures": [
   f("economy", 2500000000, "Bilateral trade, which once touched $2.5 billion a year"),
   f("refugees", 1300000, "nearly 1.3 million registered Afghan refugees"),
  ],
 },
}

gold = {
 "_about": ("Held-out set 2: ten synthetic articles written for this evaluation (not tuned on). Same conventions as "
            "seeds-gold.json: full direct quotes keyed by their opening words, speaker aliases (canonical full name "
            "first, then surname; anonymous speakers by role noun); scare-quote fragments (1-4 words) are not quotes; "
            "5-7-word partial quotes and the continuation paragraph of a multi-paragraph quote are optional_quotes. "
            "Figures: numbers an analyst would table in the categories refugees/deportations/incidents/casualties/"
            "economy (word numbers included; a range is annotated by its lower bound; a repeated figure once). "
            "Stance toward the talks succeeding."),
 "articles": articles,
 "stance_tiers": [
  ["k09_gulf_times_doha_ceasefire.txt", "k10_editorial_give_peace_chance.txt"],
  ["k03_bbc_analysis_stalling.txt"],
  ["k02_geo_live_talks_end.txt", "k07_ttp_attacks_kp_balochistan.txt"],
 ],
}
json.dump(gold, open("gold.json", "w", encoding="utf-8"), indent=1, ensure_ascii=False)
print(sum(len(a["quotes"]) for a in articles.values()), "quotes,", sum(len(a["figures"]) for a in articles.values()), "figures")
