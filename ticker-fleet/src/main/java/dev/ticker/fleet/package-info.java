/** The fleet: a writer publishing journal records to Kafka, and edges following them into their own journals. */
package dev.ticker.fleet;
