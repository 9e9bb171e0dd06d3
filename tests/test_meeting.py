"""The data model: folder-safe meeting ids."""

from hymnsheet_talk.meeting import meeting_id_for, slug


def test_meeting_ids_are_folder_safe():
    assert meeting_id_for("Panel 14 März / 2025.txt") == "2025"
    assert meeting_id_for("../../Panel 14 März.txt") == "panel-14-marz"
    assert meeting_id_for("***.txt") == "meeting"


def test_one_slug_serves_meeting_ids_page_names_and_measure_columns():
    assert slug("Riverside Children's Services") == "riverside-children-s-services"
    assert slug("École  Nord", separator="_") == "ecole_nord"
    assert slug("£££", default="column") == "column"
