"""What the plugin needs at run time, apart from the method: checking which packages are there
(``dependencies``) and installing the missing ones into a private folder with pip (``installer``).

No QGIS import here either: the dependencies dialog runs the installer in a QgsTask, the tests run it as it is.
"""
