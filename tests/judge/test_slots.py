"""Slot values and the differences that make a conflict."""

from __future__ import annotations

from consilience.nlp.slots import extract_slots, slot_differences


def kinds(a: str, b: str) -> set[str]:
    return {d.kind for d in slot_differences(extract_slots(a), extract_slots(b))}


def test_plane_against_road_is_a_mode_conflict_but_flew_and_helicopter_agree() -> None:
    assert "mode" in kinds(
        "The governor left the city by car at night.", "The governor left the city by plane."
    )
    assert "mode" not in kinds("The governor flew out of the city.", "The governor left by helicopter.")


def test_killed_against_wounded_is_a_status_conflict_and_same_statuses_are_not() -> None:
    assert "status" in kinds("The driver was killed in the blast.", "The driver was wounded in the blast.")
    assert not kinds(
        "Ana was killed and Bo was injured.", "Killing Ana and injuring Bo, the blast hit the bus."
    )


def test_different_dates_and_compatible_times() -> None:
    assert "date" in kinds("The talks began on March 3.", "The talks began on 4 March.")
    assert "time" not in kinds("The fire started at around 11pm.", "The fire started late, near midnight.")
    assert "time" in kinds("The fire started at 6am.", "The fire started at 6pm.")


def test_changed_reason_is_a_conflict_but_an_elaborated_one_is_not() -> None:
    assert "reason" in kinds(
        "The visa was refused due to concerns over his criminal record.",
        "The visa was refused, fearing protests over the election result.",
    )
    assert "reason" not in kinds(
        "The visa was refused because of his criminal record.",
        "The visa was refused due to concerns over his long criminal record.",
    )


def test_exclusive_companion_list_contradicts_another_companion() -> None:
    assert "person" in kinds(
        "The minister fled with his brother Karim.",
        "The minister fled, taking only two people with him: Lina Haddad and Omar Saleh.",
    )


def test_missing_value_is_no_difference_and_negation_needs_the_same_statement() -> None:
    assert not kinds("The bridge reopened on Monday.", "The bridge reopened after repairs.")
    assert "negation" in kinds("The mayor attended the ceremony.", "The mayor did not attend the ceremony.")
    assert "negation" not in kinds("The mayor attended the ceremony.", "Reuters could not verify the report.")


def test_counts_differ_only_for_the_same_unit() -> None:
    assert "number" in kinds("Twelve soldiers died in the attack.", "15 soldiers died in the attack.")
    assert "number" not in kinds("12 soldiers died in the attack.", "15 civilians died in the attack.")


def diff(a: str, b: str, kind: str) -> tuple[str, str] | None:
    """The two values of the first difference of a kind, or None."""
    found = [d for d in slot_differences(extract_slots(a), extract_slots(b)) if d.kind == kind]
    return (found[0].a, found[0].b) if found else None


def test_counts_of_one_thing_in_different_units_differ_and_restated_counts_agree() -> None:
    assert diff(
        "The bus was licensed to carry 40 passengers but had about 70 people aboard.",
        "The bus was only allowed to carry 25 people, though roughly 70 were aboard.",
        "number",
    ) == ("40 passengers", "25 people")


def test_counts_of_different_groups_and_bounded_counts_do_not_differ() -> None:
    assert "number" not in kinds(
        "Rescuers pulled 41 people from the water alive.", "At least 23 people were killed."
    )
    assert "number" not in kinds(
        "At least 23 people were killed in the crash.", "41 people were killed in the crash."
    )
    assert "number" in kinds(
        "About 120 people were on board the boat.", "More than 150 people were on board the boat."
    )


def test_clock_times_keep_their_precision_and_deadlines_allow_anything_before() -> None:
    assert "time" in kinds(
        "The bridge collapsed at around 7:40pm.", "The bridge collapsed shortly after 8.30pm."
    )
    assert "time" not in kinds("By midnight the crowd had gone home.", "By dawn the crowd had gone home.")


def test_a_date_belongs_to_the_event_its_verb_names() -> None:
    assert diff(
        "Police detained the driver on Friday.",
        "The driver, who ignored a summons on Friday, was arrested at his home on Saturday, May 18.",
        "date",
    ) == ("Friday", "Saturday")
    assert "date" not in kinds("The driver was summoned on Friday.", "The driver was arrested on Saturday.")


def test_named_facilities_of_one_kind_differ_and_staff_nouns_are_not_places() -> None:
    assert diff(
        "The barge sank 300 metres from the Port Vell landing.",
        "The barge sank within sight of the el-Marsa jetty.",
        "place",
    ) == ("Port Vell landing", "el-Marsa jetty")
    assert "place" not in kinds("She told her office manager she was tired.", "She headed for the airport.")


def test_a_home_and_a_palace_differ_but_places_of_different_events_do_not() -> None:
    assert "place" in kinds(
        "Videos of the king's home showed food left on the stove.", "Crowds entered the palace."
    )
    assert "place" not in kinds(
        "The king met his generals at the defence ministry.", "Crowds entered the palace after he left."
    )


def test_blame_names_a_reason() -> None:
    assert diff(
        "Officials blamed overloading for the accident.",
        "Officials blamed a brake failure for the crash.",
        "reason",
    ) == ("blamed overloading for", "blamed a brake failure for")
    assert "reason" not in kinds(
        "Officials blamed overloading for the accident.", "Officials pointed at overloading."
    )


def test_sent_home_without_charge_contradicts_detention_but_group_fates_do_not() -> None:
    assert "status" in kinds(
        "Prosecutors detained the pilot on Monday.",
        "The pilot was questioned on Monday and allowed to go home.",
    )
    assert "status" not in kinds("At least 23 people were confirmed dead.", "Five people are still missing.")


def test_a_negated_phrase_contradicts_its_plain_statement_in_the_same_order() -> None:
    assert diff(
        "A ministry spokesman said the bus held a valid operating licence.",
        "The bus had been operating without a valid licence for months.",
        "negation",
    ) == ("valid operating licence", "without a valid licence")
    assert "negation" not in kinds(
        "The rebels pleaded for military intervention.",
        "The ally, despite not intervening militarily, helped.",
    )


def test_asserting_what_another_report_could_not_confirm_is_a_status_conflict() -> None:
    assert "status" in kinds(
        "The paper could not confirm whether she stayed in Lyon or went on to Geneva.",
        "She fled to Lyon and then to Geneva, one source said.",
    )


def test_being_in_a_city_before_travelling_there_is_a_time_conflict() -> None:
    assert "time" in kinds(
        "The envoy was in Oslo for a wedding when the talks collapsed on May 3.",
        "On May 5, the envoy travelled to Oslo to rescue the talks.",
    )
    assert "time" not in kinds(
        "The envoy was in Oslo for a wedding on May 7.", "On May 5, the envoy travelled to Oslo."
    )


def test_possessive_or_talk_partner_is_no_companion() -> None:
    assert "person" not in kinds(
        "A person familiar with Karim's escape described it.",
        "Karim fled, taking only two people with him: Lina Haddad and Omar Saleh.",
    )


def test_a_vehicle_boarded_or_named_is_no_means_of_travel() -> None:
    assert "mode" not in kinds(
        "Commandos boarded the smugglers' boats at dawn.", "Commandos flew in by helicopter at dawn."
    )


def test_adjectives_after_a_count_and_restated_lengths_of_time_are_no_difference() -> None:
    assert "number" not in kinds("Police seized two other rifles.", "Police seized three other rifles.")
    assert "time" not in kinds(
        "After four days and more than 30 hours of talks, the jury was deadlocked.",
        "The jury could not agree after 30 hours of talks.",
    )


def test_a_phrase_negated_in_both_claims_and_idiomatic_prisons_are_no_conflict() -> None:
    assert "negation" not in kinds(
        "He said it is not his nature to stay quiet.", "It is not in his nature to stay quiet."
    )
    assert "place" not in kinds(
        "The gunman was sentenced to life in prison.",
        "He's the former Dunmore University player who opened fire.",
    )
