"""State changes of the catalogue.

A webinar's status and date change only through the delivery app's scheduling service
(``delivery.services.scheduling``), which tells the people registered and the experts
in the same transaction; the catalogue's own content is edited in the admin.
"""
