package io.sluice.firehose.rest;

import io.sluice.endpoint.rest.RestAction;
import io.sluice.endpoint.rest.RestApi;
import io.sluice.endpoint.rest.RestBodies;
import io.sluice.firehose.schema.GlueCatalog;
import io.sluice.firehose.schema.GlueShapes;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * The schema catalogue that Firehose's record format conversion reads its tables from (the Glue
 * Data Catalog's databases and tables), through the same catalogue as the Glue API: bodies are
 * Glue's shapes ({@code DatabaseInput}, {@code TableInput}), names come from the path.
 */
@RestApi
@RequestMapping(RestApi.PREFIX + "/schemas/databases")
@Tag(name = "Schemas", description = "The schema catalogue of record format conversion (Glue databases and tables)")
class SchemasResource {
    private final GlueCatalog catalog;
    private final RestBodies bodies;

    SchemasResource(GlueCatalog catalog, RestBodies bodies) {
        this.catalog = catalog;
        this.bodies = bodies;
    }

    @RestAction(value = "glue:CreateDatabase", resource = RestAction.IN_BODY)
    @PostMapping
    @Operation(summary = "Create a database", description = "CreateDatabase's body: DatabaseInput (Name, Description).",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(
                    content = @Content(schema = @Schema(implementation = GlueShapes.CreateDatabaseRequest.class))),
            responses = @ApiResponse(responseCode = "201", content = @Content(schema = @Schema(implementation = GlueShapes.GetDatabaseResponse.class))))
    ResponseEntity<byte[]> createDatabase(HttpServletRequest request) {
        GlueShapes.CreateDatabaseRequest create = bodies.read(request, GlueShapes.CreateDatabaseRequest.class);
        catalog.createDatabase(create);
        String name = create.databaseInput().name();
        return bodies.created(URI.create(RestApi.PREFIX + "/schemas/databases/" + name),
                catalog.getDatabase(new GlueShapes.DatabaseNameRequest(null, name)));
    }

    @RestAction(value = "glue:GetDatabase", resource = "glue:database/{database}")
    @GetMapping("/{database}")
    @Operation(summary = "Describe a database", responses = @ApiResponse(responseCode = "200",
            content = @Content(schema = @Schema(implementation = GlueShapes.GetDatabaseResponse.class))))
    ResponseEntity<byte[]> database(@PathVariable String database) {
        return bodies.ok(catalog.getDatabase(new GlueShapes.DatabaseNameRequest(null, database)));
    }

    @RestAction(value = "glue:DeleteDatabase", resource = "glue:database/{database}")
    @DeleteMapping("/{database}")
    @Operation(summary = "Delete a database and its tables")
    ResponseEntity<byte[]> deleteDatabase(@PathVariable String database) {
        catalog.deleteDatabase(new GlueShapes.DatabaseNameRequest(null, database));
        return bodies.ok(null);
    }

    @RestAction(value = "glue:CreateTable", resource = "glue:database/{database}")
    @PostMapping("/{database}/tables")
    @Operation(summary = "Create a table", description = "CreateTable's body: TableInput (Name, StorageDescriptor.Columns).",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(
                    content = @Content(schema = @Schema(implementation = GlueShapes.TableInputRequest.class))),
            responses = @ApiResponse(responseCode = "201", content = @Content(schema = @Schema(implementation = GlueShapes.GetTableResponse.class))))
    ResponseEntity<byte[]> createTable(@PathVariable String database, HttpServletRequest request) {
        GlueShapes.TableInputRequest create = bodies.read(request, GlueShapes.TableInputRequest.class, "DatabaseName", database);
        catalog.createTable(create);
        String table = create.tableInput() == null ? null : create.tableInput().name();
        return bodies.created(URI.create(RestApi.PREFIX + "/schemas/databases/" + database + "/tables/" + table),
                catalog.getTable(new GlueShapes.TableNameRequest(null, database, table)));
    }

    @RestAction(value = "glue:GetTables", resource = "glue:database/{database}")
    @GetMapping("/{database}/tables")
    @Operation(summary = "List a database's tables", responses = @ApiResponse(responseCode = "200",
            content = @Content(schema = @Schema(implementation = GlueShapes.GetTablesResponse.class))))
    ResponseEntity<byte[]> tables(@PathVariable String database) {
        return bodies.ok(catalog.getTables(new GlueShapes.GetTablesRequest(null, database)));
    }

    @RestAction(value = "glue:GetTable", resource = "glue:database/{database}")
    @GetMapping("/{database}/tables/{table}")
    @Operation(summary = "Describe a table", responses = @ApiResponse(responseCode = "200",
            content = @Content(schema = @Schema(implementation = GlueShapes.GetTableResponse.class))))
    ResponseEntity<byte[]> table(@PathVariable String database, @PathVariable String table) {
        return bodies.ok(catalog.getTable(new GlueShapes.TableNameRequest(null, database, table)));
    }

    @RestAction(value = "glue:UpdateTable", resource = "glue:database/{database}")
    @PutMapping("/{database}/tables/{table}")
    @Operation(summary = "Replace a table's definition", description = "UpdateTable's body: TableInput; its Name is the path's.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(
                    content = @Content(schema = @Schema(implementation = GlueShapes.TableInputRequest.class))),
            responses = @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = GlueShapes.GetTableResponse.class))))
    ResponseEntity<byte[]> updateTable(@PathVariable String database, @PathVariable String table, HttpServletRequest request) {
        GlueShapes.TableInputRequest update = bodies.read(request, GlueShapes.TableInputRequest.class, "DatabaseName", database);
        GlueShapes.TableInput input = update.tableInput() == null ? null
                : new GlueShapes.TableInput(table, update.tableInput().description(), update.tableInput().storageDescriptor());
        catalog.updateTable(new GlueShapes.TableInputRequest(null, database, input));
        return bodies.ok(catalog.getTable(new GlueShapes.TableNameRequest(null, database, table)));
    }

    @RestAction(value = "glue:DeleteTable", resource = "glue:database/{database}")
    @DeleteMapping("/{database}/tables/{table}")
    @Operation(summary = "Delete a table")
    ResponseEntity<byte[]> deleteTable(@PathVariable String database, @PathVariable String table) {
        catalog.deleteTable(new GlueShapes.TableNameRequest(null, database, table));
        return bodies.ok(null);
    }
}
