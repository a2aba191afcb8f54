package cn.sanling.dispute;

/** A row of dispute_party: PII as AES-GCM ciphertext plus keyed hashes. */
class PartyRow {
    Long id;
    Long disputeId;
    PartyRole role;
    String nameEnc;
    String nameHash;
    String idNumberEnc;
    String idNumberHash;
    String phoneEnc;
    String phoneHash;
}
