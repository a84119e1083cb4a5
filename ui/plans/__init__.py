"""The «Kế hoạch» page's parts: one module per tab (the list, the editor, the document
import, the register workbook), the form and task editor they share, and the save."""
