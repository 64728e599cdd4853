/**
 * The facts and results that rule files see. Together with java.lang (minus System, Runtime, threads,
 * reflection), java.util, java.time and java.math, these are the only classes a rule may use.
 * Java fills the facts from a plan without judging it; every criterion, threshold and outcome lives in rules/.
 */
package th.or.depa.smartcity.facts;
