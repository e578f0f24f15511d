#include "plugins/output/table.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

namespace azureml::cli {
namespace {

std::string print(const Table& table) {
  std::ostringstream out;
  table.print(out);
  return out.str();
}

TEST(Table, ColumnsArePaddedToTheWidestCellThreeSpacesApart) {
  Table table({"NAME", "TYPE", "STATE"});
  table.add_row({"a", "connectedClusters", "Succeeded"});
  table.add_row({"longer-name", "x", "Failed"});
  EXPECT_EQ(print(table),
            "NAME          TYPE                STATE\n"
            "a             connectedClusters   Succeeded\n"
            "longer-name   x                   Failed\n");
}

TEST(Table, HeaderWiderThanEveryCell) {
  Table table({"INSTANCE TYPE", "DEFAULT"});
  table.add_row({"gpu", "*"});
  EXPECT_EQ(print(table),
            "INSTANCE TYPE   DEFAULT\n"
            "gpu             *\n");
}

TEST(Table, HeadersOnlyWhenThereAreNoRows) {
  EXPECT_EQ(print(Table({"NAME", "STATE"})), "NAME   STATE\n");
  EXPECT_EQ(print(Table({"NAME"})), "NAME\n");
}

TEST(Table, RowsAreKeptInOrder) {
  Table table({"N"});
  for (const char* name : {"c", "a", "b"}) table.add_row({name});
  EXPECT_EQ(print(table), "N\nc\na\nb\n");
}

TEST(Table, NoTrailingSpacesWhenTheLastCellsAreEmpty) {
  Table table({"NAME", "SELECTOR", "NOTE"});
  table.add_row({"a", "", ""});
  table.add_row({"b", "x=y", ""});
  EXPECT_EQ(print(table),
            "NAME   SELECTOR   NOTE\n"
            "a\n"
            "b      x=y\n");
}

TEST(Table, EmptyCellInTheMiddleKeepsTheColumns) {
  Table table({"A", "B", "C"});
  table.add_row({"1", "", "3"});
  table.add_row({"", "2", ""});
  EXPECT_EQ(print(table),
            "A   B   C\n"
            "1       3\n"
            "    2\n");
}

TEST(Table, ShortRowsAreFilledWithEmptyCells) {
  Table table({"A", "BB", "C"});
  table.add_row({"1"});
  table.add_row({"1", "2", "3"});
  EXPECT_EQ(print(table),
            "A   BB   C\n"
            "1\n"
            "1   2    3\n");
}

TEST(Table, CellsBeyondTheHeadersAreNotPrinted) {
  Table table({"A", "B"});
  table.add_row({"1", "2", "extra"});
  EXPECT_EQ(print(table),
            "A   B\n"
            "1   2\n");
}

TEST(Table, SpacesInsideCellsAreKept) {
  Table table({"NAME", "X"});
  table.add_row({"gpu (service default)", "1"});
  EXPECT_EQ(print(table),
            "NAME                    X\n"
            "gpu (service default)   1\n");
}

TEST(Table, WidthsCountCharactersNotBytes) {
  Table table({"N", "X"});
  table.add_row({"éé", "1"});
  table.add_row({"abc", "2"});
  EXPECT_EQ(print(table),
            "N     X\n"
            "éé    1\n"
            "abc   2\n");
}

TEST(Table, WidthsCountMultiByteCharactersOfEveryLength) {
  // é is two bytes, € three, 😀 four: each is one column.
  Table table({"NÄME", "X", "Y"});
  table.add_row({"€€€€€", "😀", "1"});
  table.add_row({"a", "b", "2"});
  EXPECT_EQ(print(table),
            "NÄME    X   Y\n"
            "€€€€€   😀   1\n"
            "a       b   2\n");
}

}  // namespace
}  // namespace azureml::cli
