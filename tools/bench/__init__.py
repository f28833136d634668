"""make bench: the customer wallet's speed and safety at a large shop's scale.

Generates a dataset in its own database (partners with families, posted wallet
journal items, three points of sale), then measures the addons' way beside
references taken in the same run on the same data: the bare SQL aggregate (the
floor), the naive ORM way (what a straightforward module does), core's own
ways where a shop would use them instead. Prints a table and writes it as JSON.

    cd tools && python -m bench -c ../var/odoo.conf -d komunigi_bench --scale 0.1

- ``dataset``: the generated data, once per scale
- ``timing``: the timer and the fastest of repeated runs
- ``measures``: balances, searches, the point of sale's start, sync and closing
- ``concurrency``: tills debiting one wallet at once
- ``references``: what the measures are compared with
- ``triggers``: the stored totals' triggers of the rejected design, measured
- ``report``: the table, the targets, the ledger and drift checks
"""
