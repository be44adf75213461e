"""The room on the local network: the web server and its page (issue 16).

Between the terminal UI and the core: it serves `workshop.core.room.rules.Room`
to participants' browsers, on the app's own event loop. No Textual here.
"""
