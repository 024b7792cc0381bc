"""`scorecardgen import`: turn a vendor's report (xlsx or CSV, as it arrives) into measurement
rows, comparing them with the rows the project already holds.

One module per step: ``sources`` reads cells with where they sit (``dialect`` guesses a CSV's
encoding and delimiter), ``layout`` finds the header and reads long or wide reports,
``values``, ``periods`` and ``kpi_names`` read what people write, ``canonical`` makes
measurement rows of them, ``merge`` compares them with the project's rows, ``csv_edit``,
``yaml_edit`` and ``writeout`` write the result, ``summary`` says what was done, and
``importer`` runs the steps. ``mapping`` is the model of a vendor's declared mappings.
"""
