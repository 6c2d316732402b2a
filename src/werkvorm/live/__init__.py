"""The session day: ``werkvorm live`` (a run-of-show on the trainer's phone, the
evaluation on the participants' phones) and ``werkvorm results`` (what the day taught).

``day`` is the pure logic (presses, re-timing), ``store`` the database, ``plan`` turns a
kit into a run, ``app`` the web application, ``pages`` its HTML, ``serve`` the server,
``results`` and ``charts`` what comes out of it.
"""
