#!/usr/bin/env python3
"""The official Kaltura Python client (KalturaApiClient 23.10.0), unmodified, drives a cue-point,
caption, metadata and thumbnail flow against a recipe-console sandbox and reads back what it wrote.

usage: media_families.py BASE_URL PARTNER_ID ADMIN_SECRET

Every check prints "ok NAME"; the first failing check raises and exits non-zero.
"""
import sys
import tempfile
import urllib.request

from KalturaClient import KalturaClient, KalturaConfiguration
from KalturaClient.Plugins.Core import (
    KalturaEntryStatus, KalturaMediaEntry, KalturaMediaEntryFilter, KalturaMediaType, KalturaSearchCondition,
    KalturaSearchOperatorType, KalturaSessionType, KalturaUploadedFileTokenResource, KalturaUploadToken)
from KalturaClient.Plugins.CuePoint import KalturaCuePointFilter, KalturaCuePointType
from KalturaClient.Plugins.CodeCuePoint import KalturaCodeCuePoint
from KalturaClient.Plugins.Caption import KalturaCaptionAsset, KalturaCaptionAssetFilter, KalturaCaptionType
from KalturaClient.Plugins.CaptionSearch import KalturaCaptionAssetItemFilter
from KalturaClient.Plugins.Metadata import (
    KalturaMetadataFilter, KalturaMetadataObjectType, KalturaMetadataProfile, KalturaMetadataSearchItem)
from KalturaClient.exceptions import KalturaException

BASE, PID, ADMIN = sys.argv[1], int(sys.argv[2]), sys.argv[3]

XSD = """<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema"><xsd:element name="metadata">
<xsd:complexType><xsd:sequence><xsd:element name="Topic" minOccurs="1" maxOccurs="1" type="textType"/>
</xsd:sequence></xsd:complexType></xsd:element></xsd:schema>"""
SRT = b"1\n00:00:01,000 --> 00:00:02,500\nHello sandbox\n\n2\n00:00:03,000 --> 00:00:04,000\nGoodbye\n"


def ok(name):
    print("ok " + name, flush=True)


config = KalturaConfiguration()
config.serviceUrl = BASE
client = KalturaClient(config)
client.setKs(client.session.start(ADMIN, "py", KalturaSessionType.ADMIN, PID))
entry = KalturaMediaEntry()
entry.mediaType = KalturaMediaType.VIDEO
entry.name = "families"
entry = client.media.add(entry)

cue = KalturaCodeCuePoint()
cue.entryId, cue.startTime, cue.code = entry.id, 1500, "chapter-1"
cue = client.cuePoint.cuePoint.add(cue)
flt = KalturaCuePointFilter()
flt.entryIdEqual, flt.cuePointTypeEqual = entry.id, KalturaCuePointType.CODE
listed = client.cuePoint.cuePoint.list(flt)
assert listed.totalCount == 1 and listed.objects[0].code == "chapter-1", listed.totalCount
assert client.cuePoint.cuePoint.get(cue.id).startTime == 1500
ok("cue point added, listed by entry and type, read back")

token = client.uploadToken.add(KalturaUploadToken())
with tempfile.NamedTemporaryFile(suffix=".srt") as srt:
    srt.write(SRT)
    srt.flush()
    with open(srt.name, "rb") as handle:
        client.uploadToken.upload(token.id, handle)
asset = KalturaCaptionAsset()
asset.language, asset.format = "English", KalturaCaptionType.SRT
asset = client.caption.captionAsset.add(entry.id, asset)
resource = KalturaUploadedFileTokenResource()
resource.token = token.id
asset = client.caption.captionAsset.setContent(asset.id, resource)
caf = KalturaCaptionAssetFilter()
caf.entryIdEqual = entry.id
assert client.caption.captionAsset.list(caf).objects[0].id == asset.id
url = client.caption.captionAsset.getUrl(asset.id)
with urllib.request.urlopen(url + "/ks/" + client.getKs()) as reply:
    assert reply.read() == SRT
item = KalturaCaptionAssetItemFilter()
item.contentLike = "sandbox"
found = client.captionSearch.captionAssetItem.search(None, item)
assert found.totalCount == 1 and found.objects[0].content == "Hello sandbox", found.totalCount
ok("caption set from a token, listed, served back, searched")

profile = KalturaMetadataProfile()
profile.metadataObjectType, profile.name = KalturaMetadataObjectType.ENTRY, "py"
profile = client.metadata.metadataProfile.add(profile, XSD)
try:
    client.metadata.metadata.add(profile.id, KalturaMetadataObjectType.ENTRY, entry.id, "<metadata><X/></metadata>")
    raise AssertionError("invalid metadata accepted")
except KalturaException as e:
    assert e.code == "INVALID_METADATA_DATA", e.code
md = client.metadata.metadata.add(
    profile.id, KalturaMetadataObjectType.ENTRY, entry.id, "<metadata><Topic>py</Topic></metadata>")
mf = KalturaMetadataFilter()
mf.objectIdEqual, mf.metadataProfileIdEqual = entry.id, profile.id
back = client.metadata.metadata.list(mf)
assert back.totalCount == 1 and back.objects[0].xml == "<metadata><Topic>py</Topic></metadata>"
assert client.metadata.metadata.get(md.id).objectId == entry.id
ok("metadata refused, added, listed by object and profile, read back")


def entries_with_topic(topic):
    condition = KalturaSearchCondition()
    condition.field, condition.value = "/*[local-name()='metadata']/*[local-name()='Topic']", topic
    search = KalturaMetadataSearchItem()
    search.metadataProfileId, search.type, search.items = profile.id, KalturaSearchOperatorType.SEARCH_AND, [condition]
    ef = KalturaMediaEntryFilter()
    # The entry has no content: NO_CONTENT entries are listed only when asked for.
    ef.statusEqual, ef.advancedSearch = KalturaEntryStatus.NO_CONTENT, search
    return [e.id for e in client.media.list(ef).objects]


assert entries_with_topic("py") == [entry.id], entries_with_topic("py")
assert entries_with_topic("elsewhere") == []
ok("entry found by its metadata through a KalturaMetadataSearchItem")

with urllib.request.urlopen(client.media.get(entry.id).thumbnailUrl) as reply:
    assert reply.read(8) == b"\x89PNG\r\n\x1a\n"
ok("thumbnailUrl is a PNG")
