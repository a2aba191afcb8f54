package cn.sanling;

import org.apache.ibatis.annotations.Mapper;
import org.mybatis.spring.annotation.MapperScan;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** 三零 grid dispute case management. */
@SpringBootApplication
@ConfigurationPropertiesScan
@MapperScan(basePackages = "cn.sanling", annotationClass = Mapper.class)
public class SanlingApplication {

    public static void main(String[] args) {
        SpringApplication.run(SanlingApplication.class, args);
    }
}
