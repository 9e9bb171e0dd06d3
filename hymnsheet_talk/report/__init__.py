"""Reports and pages: the only place a figure is drawn or a sentence of prose is written.

- ``prose``: every sentence the reports and pages say (no matplotlib: cheap to import);
- ``evidence``: the quotes behind the counts, with their cue words marked;
- ``charts`` and ``group_charts``: one function per chart, each returning what it drew;
- ``pages``: renders the templates and saves the figures (``write_meeting_report``,
  ``write_index``, ``write_compare_page``, ``write_trend_page``).

This face imports nothing: matplotlib and Jinja2 take a third of a second to import, and a
CSV-only run needs neither, so callers import ``pages`` or ``charts`` when they draw.
"""
