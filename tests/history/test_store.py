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


def test_names_with_double_quotes_are_kept_whole_and_never_run_as_sql(tmp_path):
    hostile = 'x" TEXT); DROP TABLE "t'
    table = pd.DataFrame({"meeting_id": ["m"], 'a"b': ["quoted"], hostile: ["kept"]})
    with Store(tmp_path) as store:
        store.replace([{"meeting_id": "m", "key": "k", "source": "s", "date": ""}], {"t": table, 'odd"name': table}, "1")
        store.replace([{"meeting_id": "n", "key": "k", "source": "s", "date": ""}],
                      {"t": table.assign(meeting_id="n", **{'c"': "new"})}, "1")
        assert store.table_names() == ["t", 'odd"name']
        back = store.table("t")
        assert list(back.columns) == ["meeting_id", 'a"b', hostile, 'c"']
        assert back[hostile].tolist() == ["kept", "kept"] and store.table('odd"name')['a"b'].tolist() == ["quoted"]
        store.forget(["m"])
        assert store.table('odd"name').empty
