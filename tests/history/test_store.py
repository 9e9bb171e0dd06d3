"""The SQLite store gives back the tables it was given, columns added later included."""

import pandas as pd

from hymnsheet_talk.history.store import Store


def test_the_store_gives_back_exactly_the_tables_it_was_given(tmp_path):
    table = pd.DataFrame({"meeting_id": ["m", "m"], "n": [1, 2], "share": [0.5, None], "text": ["a", None],
                          "flag": [True, False]})
    with Store(tmp_path) as store:
        store.replace([{"meeting_id": "m", "key": "k", "source": "s", "date": ""}], {"t": table}, "1")
        back = store.table("t")
        assert back["n"].tolist() == [1, 2] and back["share"].tolist()[0] == 0.5 and pd.isna(back["share"][1])
        assert back["text"][0] == "a" and pd.isna(back["text"][1]) and back["flag"].tolist() == [1, 0]
        # A later table with a new column: older rows get it empty.
        store.replace([{"meeting_id": "n", "key": "k", "source": "s", "date": ""}],
                      {"t": table.assign(meeting_id="n", extra="x")}, "1")
        assert store.table("t")["extra"].fillna("").tolist() == ["", "", "x", "x"]
