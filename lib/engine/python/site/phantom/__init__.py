# Splunk SOAR's `phantom` package as Vigil provides it to imported playbooks and custom functions.
