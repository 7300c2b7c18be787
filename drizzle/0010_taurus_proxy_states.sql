CREATE TABLE "taurus_proxy_states" (
	"cloud_account_id" uuid NOT NULL,
	"proxy_id" text NOT NULL,
	"project_id" text NOT NULL,
	"region" text NOT NULL,
	"instance_id" text NOT NULL,
	"instance_name" text DEFAULT '' NOT NULL,
	"instance_status" text DEFAULT '' NOT NULL,
	"proxy_name" text DEFAULT '' NOT NULL,
	"proxy" jsonb NOT NULL,
	"open" boolean,
	"rule_type" text,
	"ip_list" jsonb,
	"exposed" boolean DEFAULT false NOT NULL,
	"fingerprint" text NOT NULL,
	"first_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"changed_at" timestamp with time zone,
	"drift" jsonb,
	"gone_at" timestamp with time zone,
	CONSTRAINT "taurus_proxy_states_cloud_account_id_proxy_id_pk" PRIMARY KEY("cloud_account_id","proxy_id")
);
--> statement-breakpoint
CREATE TABLE "taurus_sources" (
	"cloud_account_id" uuid NOT NULL,
	"project_id" text NOT NULL,
	"region" text NOT NULL,
	"collected_at" timestamp with time zone,
	"error" jsonb,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "taurus_sources_cloud_account_id_project_id_pk" PRIMARY KEY("cloud_account_id","project_id")
);
--> statement-breakpoint
ALTER TABLE "taurus_proxy_states" ADD CONSTRAINT "taurus_proxy_states_cloud_account_id_cloud_accounts_id_fk" FOREIGN KEY ("cloud_account_id") REFERENCES "public"."cloud_accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "taurus_sources" ADD CONSTRAINT "taurus_sources_cloud_account_id_cloud_accounts_id_fk" FOREIGN KEY ("cloud_account_id") REFERENCES "public"."cloud_accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "taurus_proxy_states_instance_idx" ON "taurus_proxy_states" USING btree ("instance_id");--> statement-breakpoint
CREATE INDEX "taurus_proxy_states_source_idx" ON "taurus_proxy_states" USING btree ("cloud_account_id","project_id");