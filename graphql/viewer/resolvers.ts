import type { Resolvers } from "@/graphql/generated/resolvers-types";
import { requireUser } from "@/lib/services/actor";
import { getUserById } from "@/lib/services/users/users.service";
import { UnauthenticatedError } from "@/lib/services/errors";

export const viewerResolvers: Resolvers = {
  Query: {
    viewer: async (_, __, { actor }) => {
      const user = await getUserById(requireUser(actor).ownerId.toHexString());
      if (!user) throw new UnauthenticatedError();
      return user;
    },
  },
  Viewer: {
    id: (user) => user._id.toString(),
    email: (user) => user.email,
    name: (user) => user.name ?? null,
  },
};
