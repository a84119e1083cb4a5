-- Every province that has units or plans, for the province choice of the register pages.
SELECT province FROM unit WHERE province <> ''
UNION
SELECT province FROM plan WHERE province <> ''
ORDER BY province;
