"""The contracts app's sections of the workbench menu (merged by renshe.core.navigation)."""

from django.utils.translation import gettext_lazy as _

from renshe.core.navigation import MenuItem

MENU: list = [
    (
        _("劳动合同与信用"),
        [
            MenuItem(_("劳动合同"), "contracts:contract_list", "contracts.view_labourcontract"),
            MenuItem(_("签订率"), "contracts:signing_rate", "contracts.view_signing_rate"),
            MenuItem(_("劳务派遣许可"), "contracts:licence_list", "contracts.view_dispatchlicence"),
            MenuItem(_("信用评价"), "contracts:rating_list", "contracts.view_creditrating"),
            MenuItem(_("失信名单"), "contracts:blacklist", "contracts.view_blacklistentry"),
        ],
    )
]
