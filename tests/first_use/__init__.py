"""The 43 cases of the first-use review (``../shared/reviews/first-use-2026-12-02.md``,
§2), one test (or more) each, named ``test_eNN_...``:

- E1–E19, E27, E28 and the preview banner: ``test_yaml_and_fields.py``
- E11, E20–E25, E29 (time, slots, report-back): ``test_time.py``
- E16, E17, E30, E31 (files and participant lists): ``test_files.py``
- E32–E36 and the doctor on Windows and macOS: ``test_project_file_and_doctor.py``
- E26, E37–E40 and the help text: ``test_commands.py``
- E41, E42 and the README's install route: ``test_install.py``
- E43 (SIGTERM stops watch): ``tests/test_watch.py``, beside the watch fixture
- E32–E35 from a wheel in an empty folder: ``tests/test_first_use.py`` and ``.ci/run``
"""
