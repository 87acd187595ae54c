"""Places: the TERYT register of voivodeships, counties and gminas, the address fields and forms."""
