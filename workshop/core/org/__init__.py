"""An organisation on one database: company OKRs written once, team objectives linked to them.

`alignment` is the pure logic (company objective -> its key results -> the team
objectives serving each, by team; the company key results no team supports; the
team objectives aligned to nothing), `rows` reads it from a store.
"""
