"""KH 100/KH-UBND's own plan: the appendix's 15 tasks, section IV's parties, section III's budget,
each task's progress as of a day and the views built on them (Gantt, agency matrix, calendar)."""
