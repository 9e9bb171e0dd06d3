"""Reports and pages: the only place a figure is drawn or a sentence of prose is written.

- ``prose``: every sentence the reports and pages say (no matplotlib: cheap to import), and
  ``partners``: the sentences on how far apart the agencies' words and framing are;
- ``evidence``: the quotes behind the counts, with their cue words marked;
- ``style``: how every chart looks (its size on the page, its type, the colours that mean one thing each);
- ``charts`` and ``group_charts``: one function per chart, each returning what it drew;
- ``describe``: each chart in words (title, caption, alt text with its top figures, the table of its figures);
- ``pages``: renders the templates and saves the figures (``write_meeting_report``,
  ``write_index``, ``write_compare_page``, ``write_trend_page``).

This face imports nothing: matplotlib and Jinja2 take a third of a second to import, and a
CSV-only run needs neither, so callers import ``pages`` or ``charts`` when they draw.
"""
