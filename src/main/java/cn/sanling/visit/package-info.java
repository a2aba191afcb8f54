/**
 * Visits (入户走访) and screening (专项排查): grid workers register the households of their grids, log visits, and
 * report a hazard (矛盾隐患) found on a visit as a dispute case in the same step; supervisors run screening campaigns
 * and follow their coverage (households visited in the campaign / households in scope) down to the grid.
 */
package cn.sanling.visit;
