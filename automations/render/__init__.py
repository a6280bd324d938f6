"""Generic renderers: xlsx (xlsxwriter), docx (docxtpl), ics (icalendar), chart images."""
