package cn.sanling.account;

import java.time.Instant;
import java.util.List;

import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

@Mapper
interface UserMapper {

    UserAccount findByUsername(@Param("username") String username);

    /** {username, name} of the accounts among these usernames. */
    List<java.util.Map<String, String>> displayNames(@Param("usernames") java.util.Collection<String> usernames);

    UserAccount findById(@Param("id") long id);

    List<UserAccount> list(@Param("f") UserFilter filter, @Param("now") Instant now, @Param("offset") int offset,
            @Param("limit") int limit);

    long count(@Param("f") UserFilter filter, @Param("now") Instant now);

    void insert(UserAccount user);

    int update(@Param("id") long id, @Param("displayName") String displayName, @Param("role") Role role,
            @Param("regionCode") String regionCode, @Param("enabled") boolean enabled, @Param("now") Instant now);

    int updatePassword(@Param("id") long id, @Param("hash") String hash, @Param("now") Instant now);

    /** Counts one failed login; returns the new count (read back in the same transaction). */
    int incrementFailures(@Param("username") String username, @Param("now") Instant now);

    int lock(@Param("username") String username, @Param("until") Instant until, @Param("now") Instant now);

    int resetFailures(@Param("username") String username, @Param("now") Instant now);
}
