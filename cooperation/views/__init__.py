"""Pages of the cooperation app: bodies and representation, the consultation radar and
alerts, joint statements, and the iCalendar feed."""
