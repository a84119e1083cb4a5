"""Pure rules, no I/O: text folding and the one unit-name key, periods and their labels,
deadlines in Vietnamese prose, status codes with labels and colours, access rules, the filter
scope every view takes (:mod:`domain.scope`), the one :class:`~domain.problems.Problem` type
and the one error tree (:mod:`domain.errors`)."""
