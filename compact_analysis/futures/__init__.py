"""Futures modelling (seed 003): demand, supply and the gap for 14-19 provision, by route, area and year.

Seed 003, slide 4: "Modelling of future requirements towards provision of entitlement across all
learning routes and 100% participation". Inputs (:mod:`.inputs`) are read from a data folder's
``futures/`` folder; the model (:mod:`.demand`, :mod:`.supply`, :mod:`.gap`, :mod:`.growth`,
:mod:`.uncertainty`, :mod:`.scenarios`) is pure functions over DataFrames; :mod:`.paper` and
:mod:`.report` render the futures paper on the publishing machinery.
"""
