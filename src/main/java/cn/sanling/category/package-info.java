/** 六防六促 dispute categories and their sub-categories: reference data kept in a table. */
package cn.sanling.category;
