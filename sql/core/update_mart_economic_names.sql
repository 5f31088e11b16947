-- mart.basic_expenditure_composition names each class from core.dim_economic_class, which
-- refresh_dimensions rewrites for every unit: after an incremental refresh, rows of other
-- units take the current names too (what a full rebuild would give; dimension rows are never
-- deleted, so a row without one keeps its printed name).
update mart.basic_expenditure_composition as comp
set economic_name = dim.name
from core.dim_economic_class as dim
where comp.economic_code = dim.code
    and comp.economic_name is distinct from dim.name
