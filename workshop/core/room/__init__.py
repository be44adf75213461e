"""The room: participants writing, voting and answering from their own devices.

`rules` holds what the room allows (join codes, device tokens, limits, silent
writing then reveal, dot votes, merging, promoting); `record` the plain records
kept in the database and in exports; `rows` how they are stored. No Textual,
no aiohttp: the web server (`workshop.web`) and the projector call `Room`.
"""
