"""Name spans the tagger cuts short or runs on, and vowel variants of common Arabic name words."""

from __future__ import annotations

from consilience.link.names import same_token

from .helpers import entity_of, roster, same

PER, GPE, ORG, FAC = "PERSON", "GPE", "ORG", "FAC"


def test_name_cut_before_its_article_surname_is_completed_and_merges() -> None:
    texts = [
        "Governor Tariq Jamil el-Harbi, who flew in overnight, said the search would go on.",
        "The governor, Tarek Jamil al-Harbi, was abroad. Later Jamil al-Harbi said more divers would come.",
    ]
    # the tagger stops at "Tariq Jamil" in the first report
    ents = roster(texts, {"Tariq Jamil": PER, "Tarek Jamil al-Harbi": PER, "Jamil al-Harbi": PER})
    assert same(ents, "Tariq Jamil el-Harbi", "Tarek Jamil al-Harbi")
    assert same(ents, "Jamil al-Harbi", "Tarek Jamil al-Harbi")
    assert all("Tariq Jamil" not in e.variants for e in ents)


def test_name_cut_before_a_patronymic_is_completed() -> None:
    texts = ["Minister Nawaf bin Khalid opened the bridge.", "Nawaf bin Khalid cut the ribbon."]
    ents = roster(texts, {"Nawaf": PER})  # the tagger stops at the given name both times
    assert entity_of(ents, "Nawaf bin Khalid").variants == ("Nawaf bin Khalid",)
    assert len(entity_of(ents, "Nawaf bin Khalid").mentions) == 2


def test_name_is_not_extended_into_a_separate_tagged_name_or_for_organisations() -> None:
    texts = ["Rami met Samir al-Tawil in Hadi al-Zour, then Nour Bank al-Sahel issued a statement."]
    ents = roster(texts, {"Rami": PER, "Samir al-Tawil": PER, "Hadi": PER, "al-Zour": GPE, "Nour Bank": ORG})
    assert entity_of(ents, "Rami").variants == ("Rami",)
    assert not same(ents, "Hadi", "al-Zour")
    assert entity_of(ents, "Nour Bank").variants == ("Nour Bank",)


def test_trailing_function_word_is_trimmed_but_lowercase_name_words_kept() -> None:
    texts = [
        "Boats cross between el-Rashidiya and Tell Marun every hour.",
        "Jets took off from Qarrab military airport near el-Rashidiya.",
    ]
    labels = {"el-Rashidiya and": GPE, "el-Rashidiya": GPE, "Tell Marun": GPE, "Qarrab military airport": FAC}
    ents = roster(texts, labels)
    assert len(entity_of(ents, "el-Rashidiya").mentions) == 2
    assert all("el-Rashidiya and" not in e.variants for e in ents)
    assert entity_of(ents, "Qarrab military airport")


def test_vowel_variants_of_arabic_name_words_merge() -> None:
    texts = [
        "Clashes near Beni Tarfa spread to Jebel Harun and Kafr Salma.",
        "Residents of Bani Tarfa fled to Jabal Harun; Kfar Salma was shelled. Bani Makran was spared.",
    ]
    labels = {g: GPE for g in ("Beni Tarfa", "Jebel Harun", "Kafr Salma", "Bani Tarfa", "Jabal Harun")}
    labels |= {"Kfar Salma": GPE, "Bani Makran": GPE}
    ents = roster(texts, labels)
    assert same(ents, "Beni Tarfa", "Bani Tarfa")
    assert same(ents, "Jebel Harun", "Jabal Harun")
    assert same(ents, "Kafr Salma", "Kfar Salma")
    assert not same(ents, "Bani Tarfa", "Bani Makran")


def test_name_word_families_do_not_spread_to_other_words() -> None:
    assert same_token("beni", "banu")
    assert not same_token("beni", "bina")
    assert not same_token("jebel", "jibril")


def test_wire_dateline_in_capitals_is_the_place_named_in_the_text() -> None:
    texts = [
        "PORT MARAVI, Lunaria, May 2 (Newswire) - Floods cut the road to Port Maravi on Monday.",
        "OSTRAVEN (Newswire) - Rescuers from Ostraven reached the valley.",
    ]
    # the tagger reads the capitals as acronyms and loses the first word
    ents = roster(texts, {"MARAVI": ORG, "Port Maravi": GPE, "OSTRAVEN": ORG, "Ostraven": GPE})
    port = entity_of(ents, "PORT MARAVI")
    assert same(ents, "PORT MARAVI", "Port Maravi") and port.name == "Port Maravi" and port.type == "place"
    assert same(ents, "OSTRAVEN", "Ostraven") and entity_of(ents, "Ostraven").type == "place"
    assert all("MARAVI" not in e.variants for e in ents)


def test_capitalised_section_title_is_not_a_dateline() -> None:
    ents = roster(["NEWS IN BRIEF — the council met on Monday in Ostraven."], {"Ostraven": GPE})
    assert [e.name for e in ents] == ["Ostraven"]


def test_place_noun_in_apposition_makes_a_tagged_person_a_place() -> None:
    texts = [
        "The injured were flown to Tel Saran, the provincial capital, on Friday.",
        "Doctors in the regional capital, Tel Saran, treated 30 people. Dr. Laila Haddad said so.",
        "Maher Salib, a town councillor, and the town, Nadia Karimi said, were flooded.",
    ]
    labels = {"Tel Saran": PER, "Laila Haddad": PER, "Maher Salib": PER, "Nadia Karimi": PER}
    ents = roster(texts, labels)
    assert entity_of(ents, "Tel Saran").type == "place"
    assert entity_of(ents, "Maher Salib").type == "person"
    assert entity_of(ents, "Nadia Karimi").type == "person"
