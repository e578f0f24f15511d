"""The azureml extension for the Azure CLI: `python3 setup.py bdist_wheel` (see scripts/build-az-extension)."""

import os
import re

from setuptools import find_packages, setup

HERE = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(HERE, "azext_azureml", "_version.py")) as version_file:
    VERSION = re.search(r'VERSION = "([^"]+)"', version_file.read()).group(1)

setup(
    name="azureml",
    version=VERSION,
    description="Install the Azure Machine Learning extension on Kubernetes clusters and attach them to workspaces",
    license="MIT",
    packages=find_packages(),
    package_data={"azext_azureml": ["azext_metadata.json", "describe.json", "bin/*"]},
    include_package_data=True,
    classifiers=["Programming Language :: Python :: 3", "Environment :: Console"],
)
