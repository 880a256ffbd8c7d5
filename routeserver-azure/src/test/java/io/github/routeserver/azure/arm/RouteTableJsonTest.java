package io.github.routeserver.azure.arm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.common.collect.ImmutableList;
import io.github.routeserver.azure.model.ResourceId;
import io.github.routeserver.azure.model.RouteTable;
import io.github.routeserver.azure.model.Topology;
import io.github.routeserver.azure.model.UserRoute;
import io.github.routeserver.core.net.IpAddress;
import io.github.routeserver.core.net.Prefix;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class RouteTableJsonTest {
  @Test
  void aGeneratedTemplateReadsBackAsTheSameTables() {
    ResourceId id =
        ResourceId.of(
            "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/template/providers/Microsoft.Network/routeTables/rt-spokes");
    RouteTable table =
        new RouteTable(
            id,
            "westeurope",
            ImmutableList.of(
                UserRoute.toAppliance(
                    "rs-192.168.1.0-24",
                    Prefix.parse("192.168.1.0/24"),
                    IpAddress.parse("10.0.2.4"))),
            true);
    Topology read =
        ArmTopologyReader.create()
            .read("template.json", new StringReader(RouteTableJson.template(List.of(table))));
    assertEquals(table, read.routeTables().get(id));
  }
}
