package cn.sanling.dispute;

/** 风险等级, from lowest to highest. */
public enum RiskLevel {
    BLUE, YELLOW, ORANGE, RED;

    public RiskLevel max(RiskLevel other) {
        return other != null && other.ordinal() > ordinal() ? other : this;
    }
}
