"""Slot values and the differences that make a conflict."""

from __future__ import annotations

from consilience.nlp.slots import extract_slots, slot_differences


def kinds(a: str, b: str) -> set[str]:
    return {kind for kind, _, _ in slot_differences(extract_slots(a), extract_slots(b))}


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
