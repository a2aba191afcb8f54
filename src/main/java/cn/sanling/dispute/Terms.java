package cn.sanling.dispute;

/** Small vocabularies of the resolution and referral. */
public final class Terms {

    private Terms() {
    }

    /** 协议形式: written (调解协议书) or oral. */
    public enum AgreementType { WRITTEN, ORAL }

    /** 履行方式: performed at once or later. */
    public enum Fulfilment { IMMEDIATE, DEFERRED }

    /** Where a case is referred: 诉讼, 仲裁, 行政, 信访, 公安. */
    public enum ReferTo { LITIGATION, ARBITRATION, ADMINISTRATIVE, PETITION, POLICE }
}
