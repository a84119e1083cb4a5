"""Charts as pure functions: a DataFrame in, a plotly Figure out, no Streamlit.

Colours and labels come from :mod:`domain.status`; every chart carries the label in its
legend or hover text as well as the colour.

Numbers in hover texts and axes use the Vietnamese separators (:data:`SEPARATORS`: a decimal
comma, a dot between thousands), so a chart reads "54,5%" as the tables do.
"""

SEPARATORS = ",."
