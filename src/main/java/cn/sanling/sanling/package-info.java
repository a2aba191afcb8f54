/**
 * 三零创建: the incidents register (上访, 安全事故, 刑事案件 with 民转刑) and the 三零 evaluation of regions
 * (零上访, 零事故, 零案件 per village, roll-ups per township and county, villages at risk). SPEC §5.
 */
package cn.sanling.sanling;
